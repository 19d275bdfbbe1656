app_name = "classifications"
urlpatterns: list = []
