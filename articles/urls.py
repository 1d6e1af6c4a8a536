from django.urls import path

from articles import exports, feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="article-list"),
    # Before the detail route: a slug never holds a dot, but keep the more specific path first.
    path("dispatches/<slug:slug>.json", exports.article_ninjs_view, name="article-ninjs"),
    path("dispatches/<slug:slug>.jsonld", views.article_jsonld, name="article-jsonld"),
    path("dispatches/<slug:slug>/", views.article_detail, name="article-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>.jsonld", views.person_jsonld, name="person-jsonld"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("quotes/", views.quote_search, name="quote-search"),
    path("quotes/<int:pk>/", views.quotation_detail, name="quotation-detail"),
    # Feeds: the latest dispatches, per section, per tag; a speaker's quotations.
    path("feeds/latest.rss", feeds.DispatchFeed(), name="feed-latest-rss"),
    path("feeds/latest.atom", feeds.DispatchAtomFeed(), name="feed-latest-atom"),
    path("feeds/sections/<slug:slug>.rss", feeds.SectionFeed(), name="feed-section-rss"),
    path("feeds/sections/<slug:slug>.atom", feeds.SectionAtomFeed(), name="feed-section-atom"),
    path("feeds/tags/<slug:slug>.rss", feeds.TagFeed(), name="feed-tag-rss"),
    path("feeds/tags/<slug:slug>.atom", feeds.TagAtomFeed(), name="feed-tag-atom"),
    path("feeds/people/<slug:slug>.rss", feeds.PersonQuoteFeed(), name="feed-person-rss"),
    path("feeds/people/<slug:slug>.atom", feeds.PersonQuoteAtomFeed(), name="feed-person-atom"),
]
