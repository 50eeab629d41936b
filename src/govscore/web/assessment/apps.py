from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "govscore.web.assessment"
    label = "assessment"
    verbose_name = "Tự đánh giá, thẩm định và hội đồng"
