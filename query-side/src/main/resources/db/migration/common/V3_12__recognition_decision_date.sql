-- A recognition counts from its decision's date, not from when it was typed in: the chart of recognitions over the
-- year plots this date (the time recorded where a decision carries no date). Rows projected before it have none.
alter table q_assessment add column recognition_date date;
