from django.urls import path

from articles import exports, views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="article-list"),
    # Before the detail route: a slug never holds a dot, but keep the more specific path first.
    path("dispatches/<slug:slug>.json", exports.article_ninjs_view, name="article-ninjs"),
    path("dispatches/<slug:slug>/", views.article_detail, name="article-detail"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
]
