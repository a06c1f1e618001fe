from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Forms render with our layout: errors first, one accessible field group per field."""

    form_template_name = "includes/form.html"
