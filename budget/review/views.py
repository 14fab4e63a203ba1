"""The reviewer's queue (being built)."""
from django.http import Http404


def queue(request):
    raise Http404


def act(request, department, year, action):
    raise Http404
