using System.Security.Cryptography;
using System.Text;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Tests;

/// <summary>
/// The hashes the partial-parse cache, state:modified and manifest.json's checksums compare from build to build:
/// 128 bits of SHA-256 over the parts' UTF-8, NUL-separated. A build that hashed differently would call every model
/// modified against a manifest an earlier build wrote.
/// </summary>
public class FingerprintsStayTheSame
{
    private static string Expected(params string[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u0000', parts))))[..32];

    public static TheoryData<string[]> Parts => new()
    {
        Array.Empty<string>(), new[] { "" }, new[] { "select 1" }, new[] { "a", "b" }, new[] { "", "", "" },
        new[] { "übersicht — 数据", "naïve\u0000nul", "😀" },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void A_hash_is_the_sha256_of_the_parts_joined_by_nul(string[] parts) =>
        Assert.Equal(Expected(parts), ParseCache.Hash(parts));

    [Fact]
    public void A_known_text_keeps_its_known_hash() =>
        // SHA-256("abc"), the FIPS 180-2 example, cut to 128 bits.
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223", ParseCache.Hash("abc"));

    [Fact]
    public void A_long_text_hashes_whole() =>
        Assert.Equal(Expected(new string('q', 1_000_000), "tail"), ParseCache.Hash(new string('q', 1_000_000), "tail"));
}
