-- A revoked recognition keeps the date of its decision and gains the date of the revocation's: the dashboards "in
-- force on" a date count a commune recognised from the one to the other. Rows projected before have neither for a
-- revoked recognition: a rebuild of the read models (POST /api/read-models/rebuild) fills them from the events.
alter table q_assessment add column revocation_date date;
