from django.contrib.auth import views as auth_views
from django.urls import path

from ktxh.web import views

urlpatterns = [
    # Reading: dashboard, charts, comparison, catalog and units (web-dash)
    path("", views.dashboard, name="home"),
    path("so-sanh/", views.comparison, name="comparison"),
    path("bieu-do/<str:which>.png", views.chart_png, name="chart"),
    path("bao-cao/", views.report_download, name="report"),
    path("danh-muc/", views.catalog_page, name="catalog"),
    path("don-vi/", views.units_page, name="units"),
    path("don-vi/<str:code>/", views.unit_page, name="unit"),
    # Signing in and out
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]
