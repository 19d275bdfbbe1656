from django.urls import path

from sakoo.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code_view, name="login_code"),
    path("login/code/resend/", views.login_resend_view, name="login_resend"),
    path("login/staff/", views.staff_login_view, name="staff_login"),
    path("login/totp/", views.login_totp_view, name="login_totp"),
    path("logout/", views.logout_view, name="logout"),
    path("security/", views.security_view, name="security"),
    path("security/totp/qr.svg", views.totp_qr_view, name="totp_qr"),
]
