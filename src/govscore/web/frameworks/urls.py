from django.urls import path

from govscore.web.frameworks import views

urlpatterns = [
    path("", views.framework_list, name="framework_list"),
    path("upload/", views.framework_upload, name="framework_upload"),
    path("compare/", views.framework_compare, name="framework_compare"),
    path("<id:framework_id>/", views.framework_version, name="framework_version"),
    path("<id:framework_id>/framework.yaml", views.framework_yaml, name="framework_yaml"),
    path("<id:framework_id>/framework.xlsx", views.framework_xlsx, name="framework_xlsx"),
    path("<id:framework_id>/copy/", views.framework_copy, name="framework_copy"),
    path("<id:framework_id>/replace/", views.framework_replace, name="framework_replace"),
]
