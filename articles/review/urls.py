from django.urls import path

from articles.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote-detail"),
    path("story/<int:pk>/", views.story, name="story"),
    path("quotes/<int:pk>/undo/", views.quote_undo, name="quote-undo"),
    path("quotes/<int:pk>/confirm/", views.quote_confirm, name="quote-confirm"),
    path("quotes/<int:pk>/reject/", views.quote_reject, name="quote-reject"),
    path("quotes/<int:pk>/reassign/", views.quote_reassign, name="quote-reassign"),
    path("quotes/<int:pk>/alias/", views.quote_alias, name="quote-alias"),
    path("quotes/<int:pk>/create-person/", views.quote_create_person, name="quote-create-person"),
    path("quotes/<int:pk>/span/", views.quote_span, name="quote-span"),
    path("quotes/<int:pk>/repeats/", views.quote_repeats, name="quote-repeats"),
    path("bulk-confirm/", views.bulk_confirm, name="bulk-confirm"),
    path("speakers/", views.speaker_search, name="speaker-search"),
    path("people/merge/", views.merge, name="merge"),
    path("merges/<int:pk>/", views.merge_detail, name="merge-detail"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge-undo"),
]
