-- The progress buckets and their weights: each bucket's share of a play is its distance from the bucket below.

select percent_progress, weight_rate
from (values

    (10, 10),

    (25, 15),

    (50, 25),

    (75, 25),

    (100, 25)

) as buckets(percent_progress, weight_rate)
