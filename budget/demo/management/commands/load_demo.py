import os

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget.demo.services import DEFAULT_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo: the reference budget, a second department's budget and the demo users "
        "(password from DEMO_PASSWORD). Only with DEBUG on, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args, **options):
        # The demo users share a known password: never create them in production by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG 未开启，拒绝载入演示数据（演示用户使用公开密码）；确需载入请加 --force")
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        try:  # the demo users are signed in with it: it must pass the site's own password rules
            validate_password(password)
        except ValidationError as error:
            raise CommandError("DEMO_PASSWORD 不符合密码规则：" + "".join(error.messages))
        notes, users = load_demo(password=password)
        for note in notes:
            self.stdout.write(note)
        self.stdout.write(f"演示用户（密码 {password}）：")
        width = max(len(username) for username, _ in users)
        for username, role in users:
            self.stdout.write(f"  {username:<{width}}  {role}")
