using System.Globalization;

namespace ModelRunner.Events;

/// <summary>
/// SQL expressions the generator builds its rows from: every value is a hash of the seed, a salt and a row's
/// number, so the same seed gives the same rows.
/// </summary>
internal static class GeneratorSql
{
    /// <summary>A rate as a SQL literal, culture-invariant.</summary>
    public static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A uniform number in [0, 1) from the seed, a salt and a row number: deterministic per row.</summary>
    public static string Roll(string salt, string of, long seed) => $"(hash({of}, {seed}, '{salt}') % 1000000) / 1000000.0";

    /// <summary>One of the values, chosen by hash (a CASE: indexing a list literal would build the list per row).</summary>
    public static string Pick(string salt, string of, long seed, params string[] values) =>
        $"(case hash({of}, {seed}, '{salt}') % {values.Length} "
        + string.Concat(values.Select((v, i) => $"when {i} then {DuckDbEventsSql.StringLiteral(v)} ")) + "end)";

    /// <summary>A UUID-shaped id: the MD5 of seed, salt and number, read as a UUID (one hash per id, millions a second).</summary>
    public static string Uuid(string salt, string of, long seed) => UuidValue(salt, of, seed) + "::VARCHAR";

    /// <summary>
    /// The same id as a UUID value (16 bytes, not 36 characters): what rows carry through a sort. The digest's bytes are
    /// read as the UUID (the same value as its hex text parsed, a third cheaper: parsing text is most of an id's cost).
    /// </summary>
    public static string UuidValue(string salt, string of, long seed) =>
        $"unhex(md5('{salt}:' || {seed} || ':' || {of}))::UUID";
}
