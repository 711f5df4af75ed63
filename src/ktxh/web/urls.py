from django.contrib.auth import views as auth_views
from django.urls import path

from ktxh.web import views

urlpatterns = [
    path("", views.unit_values, name="home"),
    path("bao-cao/", views.report_download, name="report"),
    path("bieu-do/<str:which>.png", views.chart_png, name="chart"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    *__import__("ktxh.web.review_urls", fromlist=["urlpatterns"]).urlpatterns,  # the review queue (web/review.py)
]
