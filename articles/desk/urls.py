from django.urls import path

from articles.desk import views

app_name = "desk"

urlpatterns = [
    path("sources/", views.sources, name="sources"),
    path("sources/figures.csv", views.sources_csv, name="sources-csv"),
]
