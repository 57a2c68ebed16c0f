"""Signing in and out. A failed sign-in says nothing about which of name or password was
wrong; an account locked after failed logins says for how long (HTTP 429)."""

from __future__ import annotations

import ipaddress
import math

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from paayesh_docs.access.users import AccessError, LoginRefused
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.web.deps import csrf_protect, current_user, office, render, start_session

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never `//evil` or a URL)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def _on_this_machine(request: Request) -> bool:
    """Is the browser on the server's own machine (a loopback address, IPv4 mapped into
    IPv6 too)? Only there may the first administrator be made on a page: a server
    opened to the office network before anyone signed up must not let the first comer
    take it."""
    if request.client is None:
        return False
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    if current_user(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    if not office(request).users.all():
        return _setup_page(request)
    return render(request, "login.html", next=safe_next(next), error=None, name="")


def _setup_page(request: Request, error: tuple[str, str] | None = None, name: str = "",
                status_code: int = 200) -> Response:
    return render(request, "setup.html", status_code=status_code, error=error, name=name,
                  local=_on_this_machine(request))


@router.post("/setup", dependencies=[Depends(csrf_protect)])
def first_administrator(request: Request, name: str = Form(""), password: str = Form(""),
                        again: str = Form("")) -> Response:
    """The office's first account, an administrator who sees every classification, made
    from the page a fresh `paayesh serve` opens on (as `paayesh users add NAME --role
    admin --clearance top_secret` would)."""
    the_office = office(request)
    name = name.strip()
    if not _on_this_machine(request):
        return _setup_page(request, ("نخستین مدیر را فقط روی خود کارساز می‌توان ساخت.",
                                     "The first administrator can be made only on the "
                                     "server's own machine."), name, 403)
    if password != again:
        return _setup_page(request, ("دو گذرواژه یکی نیستند.", "The passwords differ."),
                           name, 422)
    try:
        user = the_office.users.add(name, "admin", "top_secret", password, only_if_none=True)
    except AccessError as error:
        if the_office.users.all():  # someone was first: this page is done
            return RedirectResponse("/login", status_code=303)
        return _setup_page(request, (error.fa, error.en), name, 422)
    the_office.audit.log(user, "first_admin", detail={"name": user.name})
    start_session(request, user)
    return RedirectResponse("/users", status_code=303)


@router.post("/login", dependencies=[Depends(csrf_protect)])
def login(request: Request, name: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:
    the_office = office(request)
    name = name.strip()
    try:
        user = the_office.users.authenticate(name, password)
    except LoginRefused as refused:
        the_office.audit.log(name or None, "login_failed",
                             detail={"locked": refused.retry_after is not None})
        if refused.retry_after is not None:
            seconds = max(1, math.ceil(refused.retry_after))
            error = (f"به علت چند ورود ناموفق، این حساب تا {to_persian_digits(str(seconds))} "
                     "ثانیه دیگر قفل است.", f"Too many failed logins: locked for {seconds} s.")
            response = render(request, "login.html", status_code=429, next=safe_next(next),
                              error=error, name=name)
            response.headers["Retry-After"] = str(seconds)
            return response
        error = ("نام کاربری یا گذرواژه درست نیست.", "Wrong user name or password.")
        return render(request, "login.html", status_code=401, next=safe_next(next),
                      error=error, name=name)
    start_session(request, user)
    the_office.audit.log(user, "login")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(csrf_protect)])
def logout(request: Request) -> Response:
    user = current_user(request)
    if user is not None:
        office(request).audit.log(user, "logout")
    start_session(request, None)
    return RedirectResponse("/login", status_code=303)
