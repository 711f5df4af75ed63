from django.contrib.auth import views as auth_views
from django.urls import path

from ktxh.web import audit, entry, files, imports, reports_page, review_urls, targets, views, workflow

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
    # web-entry: data entry, plan targets, the reports page
    path("nhap-lieu/", entry.grid, name="entry"),
    path("nhap-lieu/o/", entry.cell, name="entry-cell"),
    path("nhap-lieu/chi-tiet/", entry.detail, name="entry-detail"),
    path("nhap-lieu/trang-thai/", workflow.act, name="entry-workflow"),
    path("chi-tieu/", targets.plan, name="targets"),
    # the submission workflow: progress of the units below (web/workflow.py)
    path("tien-do/", workflow.progress, name="progress"),
    path("lap-bao-cao/", reports_page.page, name="reports-page"),
    path("lap-bao-cao/ban/<int:pk>.<str:fmt>", reports_page.download, name="report-version"),
    # web10: Excel templates, import with preview, Excel outputs
    path("mau-excel/", files.template, name="template"),
    path("nhap-tu-tep/", imports.page, name="import"),
    path("nhap-tu-tep/xem-truoc/", imports.preview, name="import-preview"),
    path("nhap-tu-tep/xac-nhan/", imports.confirm, name="import-confirm"),
    path("nhap-tu-tep/huy/", imports.cancel, name="import-cancel"),
    path("bang-danh-gia.xlsx", files.scorecard_xlsx, name="scorecard-xlsx"),
    path("phu-luc.xlsx", files.appendix_xlsx, name="appendix-xlsx"),
    # the audit trail per user, for administrators (web/audit.py)
    path("nhat-ky/", audit.users, name="audit"),
    path("nhat-ky/<int:user_id>/", audit.trail, name="audit-trail"),
    # the review queue of figures read from past reports (web/review.py)
    *review_urls.urlpatterns,
]
