{{~
# The media player package's expressions (spec snowplow-media-player §1.2, §3.1): which player contexts a media
# event is read from, switched by vars, and the progress buckets.

# The progress buckets: the boundaries var, each a whole number in [0, 100], and 100.
func snowplow_media_player_buckets()
  buckets = []
  for boundary in var "snowplow__percent_progress_boundaries"
    if (object.typeof boundary) != "number" || boundary != math.floor(boundary) || boundary < 0 || boundary > 100
      raise_error ("snowplow__percent_progress_boundaries: " + boundary + " is not a whole number from 0 to 100")
    end
    buckets = array.add(buckets, boundary)
  end
  if !array.contains(buckets, 100)
    buckets = array.add(buckets, 100)
  end
  ret buckets
end

# The media columns of a media event (alias e), from the YouTube, HTML5 media element and video element contexts
# the vars switch on: media_id, media_player_type, source_url, media_type, playback_quality.
func snowplow_media_player_media_columns()
  youtube = var "snowplow__enable_youtube"
  media = var "snowplow__enable_whatwg_media"
  video = var "snowplow__enable_whatwg_video"
  if video && !media
    raise_error "snowplow__enable_whatwg_video needs snowplow__enable_whatwg_media: the video element context describes an HTML5 media element"
  end
  if !youtube && !media
    raise_error "the media player package needs a media context: set snowplow__enable_youtube or snowplow__enable_whatwg_media"
  end
  yt = first_element("e.contexts_com_youtube_youtube_1")
  me = first_element("e.contexts_org_whatwg_media_element_1")
  ve = first_element("e.contexts_org_whatwg_video_element_1")
  size = "cast(" + ve + ".video_width as string) || 'x' || cast(" + ve + ".video_height as string)"
  audio_or_video = "case when " + me + ".media_type = 'audio' then 'audio' else 'video' end"
  if youtube && media
    id = "coalesce(cast(" + yt + ".player_id as string), cast(" + me + ".html_id as string))"
    player = "case when " + yt + ".player_id is not null then 'com.youtube-youtube' when " + me + ".html_id is not null then 'org.whatwg-media_element' else 'unknown' end"
    url = "coalesce(cast(" + yt + ".url as string), cast(" + me + ".current_src as string))"
    quality = video ? "coalesce(cast(" + yt + ".playback_quality as string), " + size + ")" : "cast(" + yt + ".playback_quality as string)"
    type = audio_or_video
  else if youtube
    id = "cast(" + yt + ".player_id as string)"
    player = "'com.youtube-youtube'"
    url = "cast(" + yt + ".url as string)"
    quality = "cast(" + yt + ".playback_quality as string)"
    type = "'video'"
  else
    id = "cast(" + me + ".html_id as string)"
    player = "'org.whatwg-media_element'"
    url = "cast(" + me + ".current_src as string)"
    quality = video ? size : "'N/A'"
    type = audio_or_video
  end
  ret id + " as media_id,\n" + player + " as media_player_type,\n" + url + " as source_url,\n" + type + " as media_type,\n" + quality + " as playback_quality"
end

# The media item of a v2 play: the v2 player context has no media id, so it is the player's label for the media and
# the player type (label@player_type; the player type alone without a label). One item, one player: media_stats
# keeps one row per media_id, as 0.5.3 groups by media, label, type and player.
func snowplow_media_player_v2_media_id(alias)
  ret "coalesce(" + alias + ".media_label || '@' || " + alias + ".media_player_type, " + alias + ".media_player_type)"
end

# The start of the v2 models reading the events of the run's media sessions: the events, and each session's first
# event (whose page, session, device and media fields stand for the session's).
func snowplow_media_player_v2_session_ctes(events)
  capture sql ~}}
with events as (
    select * from {{ events }}
),

firsts as (
    select *
    from events
    qualify row_number() over (partition by media_session_id order by event_tstamp, event_id) = 1
)
{{~ end
  ret sql
end
~}}
