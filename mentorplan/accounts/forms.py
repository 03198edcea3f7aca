from django import forms

from .models import TIME_ZONE_CHOICES, User, split_tags


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "time_zone", "bio", "expertise", "interests"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES, help_text="Dates and times are shown to you in this time zone."
    )

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError("Please enter the name others will see.", code="required")
        return name

    def clean_expertise(self):
        return ", ".join(split_tags(self.cleaned_data["expertise"]))

    def clean_interests(self):
        return ", ".join(split_tags(self.cleaned_data["interests"]))
