{{~
# Shared expressions of page views, sessions and users (specs: default channel group, content group, device
# category, bot filter, engagement). Projects override any of them by defining a macro of the same name in a
# later macro path.

# User agents of bots and crawlers (case-sensitive substrings); a NULL user agent does not pass either.
func snowplow_web_not_bot(alias)
  pattern = "(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|browsershots|screenshots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360Spider|360User-agent|semalt)"
  if !(var "snowplow__ua_bot_filter")
    ret "true"
  end
  ret "not " + regex_matches(alias + ".useragent", pattern)
end

func snowplow_web_shop_campaign(camp)
  ret "(" + camp + " like '%shopping%' or " + regex_matches(camp, "(^|[^a-df-z])shop") + ")"
end

# GA4's default channel group from the marketing fields and the source category of the source (seed).
func snowplow_web_channel_group(mkt_source, mkt_medium, mkt_campaign, source_category)
  src = "lower(trim(" + mkt_source + "))"
  med = "lower(trim(" + mkt_medium + "))"
  camp = "lower(trim(" + mkt_campaign + "))"
  cat = "upper(" + source_category + ")"
  shop = snowplow_web_shop_campaign(camp)
  sql = "case when " + src + " = '(direct)' and " + med + " in ('(not set)', '(none)') then 'Direct'"
  sql = sql + " when " + med + " like '%cross-network%' then 'Cross-network'"
  sql = sql + " when " + regex_matches(med, "^(.*cp.*|ppc|retargeting|paid.*)$") + " then case"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_SHOPPING' or " + shop + " then 'Paid Shopping'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_SEARCH' then 'Paid Search'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_SOCIAL' then 'Paid Social'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_VIDEO' then 'Paid Video' else 'Paid Other' end"
  sql = sql + " when " + med + " in ('display', 'banner', 'expandable', 'intersitial', 'cpm') then 'Display'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_SHOPPING' or " + shop + " then 'Organic Shopping'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_SOCIAL' or " + med + " in ('social', 'social-network', 'sm', 'social network', 'social media') then 'Organic Social'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_VIDEO' or " + med + " like '%video%' then 'Organic Video'"
  sql = sql + " when " + cat + " = 'SOURCE_CATEGORY_SEARCH' or " + med + " = 'organic' then 'Organic Search'"
  sql = sql + " when " + med + " in ('referral', 'app', 'link') then 'Referral'"
  sql = sql + " when " + src + " in ('email', 'e-mail', 'e_mail', 'e mail') or " + med + " in ('email', 'e-mail', 'e_mail', 'e mail') then 'Email'"
  sql = sql + " when " + med + " = 'affiliate' then 'Affiliates'"
  sql = sql + " when " + med + " = 'audio' then 'Audio'"
  sql = sql + " when " + src + " = 'sms' or " + med + " = 'sms' then 'SMS'"
  sql = sql + " when " + med + " like '%push' or " + med + " like '%mobile%' or " + med + " like '%notification%' or " + src + " = 'firebase' then 'Mobile Push Notifications'"
  ret sql + " else 'Unassigned' end"
end

func snowplow_web_default_content_group(page_url)
  sql = "case when " + page_url + " like '%/product%' then 'PDP' when " + page_url + " like '%/list%' then 'PLP'"
  ret sql + " when " + page_url + " like '%/checkout%' then 'checkout' when " + page_url + " like '%/home%' then 'homepage' else 'other' end"
end

# The content group of a page view; override it to group your own pages.
func snowplow_web_content_group(page_view_id, page_url)
  ret snowplow_web_default_content_group(page_url)
end

func snowplow_web_device_category(device_class)
  ret "case " + device_class + " when 'Desktop' then 'Desktop' when 'Phone' then 'Mobile' when 'Tablet' then 'Tablet' else 'Other' end"
end

# Engaged: two page views, two heartbeats of engagement, or a conversion. conversion_flags: SQL booleans.
func snowplow_web_default_is_engaged(page_views, engaged_time_in_s, conversion_flags)
  sql = "(" + page_views + " >= 2 or " + engaged_time_in_s + " / " + (var "snowplow__heartbeat") + " >= 2"
  for flag in conversion_flags
    sql = sql + " or " + flag
  end
  ret sql + ")"
end

# Whether a session is engaged; override it to change the rule.
func snowplow_web_is_engaged(domain_sessionid, page_views, engaged_time_in_s, conversion_flags)
  ret snowplow_web_default_is_engaged(page_views, engaged_time_in_s, conversion_flags)
end

# snowplow__conversion_events, each with its defaults filled in.
func snowplow_web_conversions()
  definitions = var "snowplow__conversion_events"
  if !definitions
    ret []
  end
  ret definitions
end
~}}
