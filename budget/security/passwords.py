"""Django's minimum-length password rule, saying it in Chinese: Django's own Chinese catalogue
lacks this message, and the admin would show it in English."""
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_help_text(), code="password_too_short",
                                  params={"min_length": self.min_length})

    def get_help_text(self):
        return f"密码太短：至少要 {self.min_length} 个字符。"
