-- The progress buckets and their weights: each bucket's share of a play is its distance from the bucket below.
{{~ buckets = array.sort snowplow_media_player_buckets }}
select percent_progress, weight_rate
from (values
    {{~ for bucket in buckets }}
    ({{ bucket }}, {{ for.first ? bucket : bucket - buckets[for.index - 1] }}){{ if !for.last }},{{ end }}
    {{~ end }}
) as buckets(percent_progress, weight_rate)
