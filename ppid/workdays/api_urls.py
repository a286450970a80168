from django.urls import path

from ppid.workdays import api_views as views

urlpatterns = [
    path("deadline/", views.DeadlineView.as_view(), name="api-workdays-deadline"),
    path("calendar/", views.CalendarView.as_view(), name="api-workdays-calendar"),
    path("calendar-days/", views.CalendarDayListView.as_view(), name="api-workdays-calendar-days"),
    path("calendar-days/<int:pk>/", views.CalendarDayDetailView.as_view(), name="api-workdays-calendar-day"),
    path("rule-sets/", views.RuleSetListView.as_view(), name="api-workdays-rule-sets"),
    path("rule-sets/<int:pk>/", views.RuleSetDetailView.as_view(), name="api-workdays-rule-set"),
    path("deadline-rules/", views.DeadlineRuleListView.as_view(), name="api-workdays-deadline-rules"),
    path("deadline-rules/<int:pk>/", views.DeadlineRuleDetailView.as_view(), name="api-workdays-deadline-rule"),
    path("election-stages/", views.ElectionStageListView.as_view(), name="api-workdays-election-stages"),
    path("election-stages/<int:pk>/", views.ElectionStageDetailView.as_view(), name="api-workdays-election-stage"),
]
