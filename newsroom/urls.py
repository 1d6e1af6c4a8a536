from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from newsroom.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("review/", include("articles.review.urls")),
    path("", include("articles.urls")),
]
