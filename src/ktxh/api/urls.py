from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from ktxh.api import views, workflow

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("indicators/", views.IndicatorList.as_view(), name="indicators"),
    path("target-sources/", views.TargetSources.as_view(), name="target-sources"),
    path("units/", views.UnitList.as_view(), name="units"),
    path("units/<str:code>/", views.UnitDetail.as_view(), name="unit"),
    path("figures/", views.Figures.as_view(), name="figures"),
    path("targets/", views.Targets.as_view(), name="targets"),
    path("scorecards/", views.Scorecard.as_view(), name="scorecard"),
    path("imports/", views.Imports.as_view(), name="imports"),
    path("reports/", views.Reports.as_view(), name="reports"),
    path("reports/<int:pk>/", views.ReportDetail.as_view(), name="report"),
    path("reports/<int:pk>/<str:fmt>", views.ReportFile.as_view(), name="report-file"),
    path("workflow/", workflow.Workflow.as_view(), name="workflow"),
    path("workflow/progress/", workflow.Progress.as_view(), name="workflow-progress"),
]
