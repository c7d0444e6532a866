{{~
# The two macro overrides of Snowplow's integration test (spec §4.4), in a macro path after the package's:
# they replace the package's macros of the same name for the conformance run only.

func snowplow_web_content_group(page_view_id, page_url)
  ret "case when " + page_view_id + " = 'ff8cc048-afe8-4913-843d-37de6b7d87d0' then 'Look no further, I am the test subject!' else " + snowplow_web_default_content_group(page_url) + " end"
end

func snowplow_web_is_engaged(domain_sessionid, page_views, engaged_time_in_s, conversion_flags)
  ret "(" + domain_sessionid + " = '0b0c7bb589ebd041177514f3e43446ca5d4343328936d2f8f12a42b41bf9140e' or " + snowplow_web_default_is_engaged(page_views, engaged_time_in_s, conversion_flags) + ")"
end
~}}
