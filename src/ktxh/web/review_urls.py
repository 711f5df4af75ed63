from django.urls import path

from ktxh.web import review

urlpatterns = [
    path("xem-xet/", review.queue, name="review"),
    path("xem-xet/<int:pk>/", review.decide, name="review-decide"),
]
