from django.contrib.auth import views as auth_views
from django.urls import path

from ktxh.web import entry, reports_page, targets, views

urlpatterns = [
    path("", views.unit_values, name="home"),
    path("bao-cao/", views.report_download, name="report"),
    path("bieu-do/<str:which>.png", views.chart_png, name="chart"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # web-entry: data entry, plan targets, the reports page
    path("nhap-lieu/", entry.grid, name="entry"),
    path("nhap-lieu/o/", entry.cell, name="entry-cell"),
    path("nhap-lieu/chi-tiet/", entry.detail, name="entry-detail"),
    path("chi-tieu/", targets.plan, name="targets"),
    path("lap-bao-cao/", reports_page.page, name="reports-page"),
    path("lap-bao-cao/ban/<int:pk>.<str:fmt>", reports_page.download, name="report-version"),
]
