// Regenerates the country and language reference seeds of the web package from .NET's globalization data (ICU):
//   dotnet run models/seeds/snowplow_web/regenerate.cs
// Country names and ISO codes come from RegionInfo; the continent of each country (UN M49 regions, public facts) from
// the table below. Language tags and names come from CultureInfo.
#:property PublishAot=false
#:property InvariantGlobalization=false
using System.Globalization;
using System.Text;

var continents = new Dictionary<string, string>
{
    ["Africa"] = "DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    ["Americas"] = "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US",
    ["Asia"] = "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    ["Europe"] = "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH",
    ["Oceania"] = "AU NZ NF HM CX CC FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF",
}.SelectMany(kv => kv.Value.Split(' ').Select(code => (code, kv.Key))).ToDictionary(x => x.code, x => x.Key);

var directory = Path.GetDirectoryName(Path.GetFullPath(args.Length > 0 ? args[0] : "models/seeds/snowplow_web/regenerate.cs"))!;
string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

var cultures = CultureInfo.GetCultures(CultureTypes.AllCultures).Where(c => c.Name.Length > 0).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
var countries = new StringBuilder("name,alpha_2,alpha_3,region\n");
foreach (var region in cultures.Where(c => !c.IsNeutralCulture)
             .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
             .OfType<RegionInfo>().Where(r => continents.ContainsKey(r.TwoLetterISORegionName)) // countries and territories, not ICU's extra regions
             .DistinctBy(r => r.TwoLetterISORegionName).OrderBy(r => r.TwoLetterISORegionName, StringComparer.Ordinal))
    countries.Append($"{Quote(region.EnglishName)},{region.TwoLetterISORegionName},{region.ThreeLetterISORegionName},{continents.GetValueOrDefault(region.TwoLetterISORegionName, "")}\n");
File.WriteAllText(Path.Combine(directory, "dim_geo_country_mapping.csv"), countries.ToString());

var languages = new StringBuilder("lang_tag,name\n");
foreach (var culture in cultures) languages.Append($"{culture.Name},{Quote(culture.EnglishName)}\n");
File.WriteAllText(Path.Combine(directory, "dim_rfc_5646_language_mapping.csv"), languages.ToString());
Console.WriteLine($"{countries.ToString().Count(c => c == '\n') - 1} countries, {cultures.Count} languages written to {directory}");
