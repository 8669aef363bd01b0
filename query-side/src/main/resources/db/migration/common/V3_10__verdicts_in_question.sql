-- An amendment of the points can overturn a concluded verdict (VerdictInvalidatedByAmendment): the card and the
-- dashboards show it as "cần xem xét lại" until the appraiser concludes again or the province decides.
alter table q_assessment add column verdict_in_question boolean default false not null;
