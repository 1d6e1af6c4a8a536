from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("dispatches/<slug:slug>/", views.article_detail, name="article-detail"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
]
