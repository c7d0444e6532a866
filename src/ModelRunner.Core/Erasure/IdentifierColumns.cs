using System.Collections.Immutable;

namespace ModelRunner.Core.Erasure;

/// <summary>
/// What an identifying column holds: a device's, cookie's or network's id (User), a login's id (Login: user_id,
/// found beside a device it may be someone else's), a session's or a page view's.
/// </summary>
public enum IdentifierKind { User, Login, Session, PageView }

/// <summary>
/// The columns that identify someone, by name, as the Snowplow packages and atomic.events name them: a row holding one
/// of an erased user's values in any of them is theirs. Names are matched ignoring case.
/// </summary>
public static class IdentifierColumns
{
    public static readonly ImmutableDictionary<string, IdentifierKind> ByName = new Dictionary<string, IdentifierKind>
    {
        ["domain_userid"] = IdentifierKind.User,
        ["network_userid"] = IdentifierKind.User,
        ["user_id"] = IdentifierKind.Login,
        ["device_user_id"] = IdentifierKind.User,
        ["stitched_user_id"] = IdentifierKind.Login,
        ["domain_sessionid"] = IdentifierKind.Session,
        ["session_id"] = IdentifierKind.Session,
        ["first_domain_sessionid"] = IdentifierKind.Session,
        ["last_domain_sessionid"] = IdentifierKind.Session,
        ["first_session_id"] = IdentifierKind.Session,
        ["last_session_id"] = IdentifierKind.Session,
        ["page_view_id"] = IdentifierKind.PageView,
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The identifying columns among <paramref name="columns"/>, with their kind.</summary>
    public static IReadOnlyList<(string Column, IdentifierKind Kind)> Of(IEnumerable<string> columns) =>
        columns.Where(ByName.ContainsKey).Select(c => (c, ByName[c])).ToList();
}
