using System.Text.RegularExpressions;

namespace Central.Dialogs.Cases.Intake;

/// <summary>
/// Which reports go to the top of the Protection Unit's queue, from what the worker said: danger now, violence or
/// threats, detention or a confiscated passport, trafficking or forced-labour signs, child labour, injury, a mass
/// dismissal, the dismissal of a union leader, or wages unpaid for months. Err towards urgent: a caseworker can
/// always lower it.
/// </summary>
public static partial class Triage
{
    public const int MassDismissal = 20;

    public static IReadOnlyList<string> Reasons(Complaint report)
    {
        var reasons = new List<string>();
        var text = string.Join(" ", report.Description).ToLowerInvariant();
        void Add(string reason)
        {
            if (!reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }
        if (report.InDanger == true)
        {
            Add("danger_now");
        }
        if (Violence().IsMatch(text))
        {
            Add("violence_or_threats");
        }
        if (Detention().IsMatch(text))
        {
            Add("detention_or_passport");
        }
        if (report.Categories.Contains("trafficking"))
        {
            Add("trafficking_signs");
        }
        if (report.Categories.Contains("child_labour"))
        {
            Add("child_labour");
        }
        if (report.Categories.Contains("unsafe_work") && Injury().IsMatch(text))
        {
            Add("injury");
        }
        if (report.Categories.Contains("dismissal") && report.WorkersAffected >= MassDismissal)
        {
            Add("mass_dismissal");
        }
        if (report.Categories.Contains("union_dismissal"))
        {
            Add("union_leader_dismissed");
        }
        if (report.Categories.Contains("unpaid_wages") && (report.Started == StartedCodes.OverTwoMonths || MonthsUnpaid().IsMatch(text)))
        {
            Add("months_unpaid");
        }
        return reasons;
    }

    // Khmer has no spaces between words, so short words would match inside others (ទះ "slap" in ផ្ទះ "house",
    // ឃុំ "detain" is also "commune"): only phrases that cannot are listed.
    [GeneratedRegex(@"beat|hit me|hit us|slap|violen|threat|kill|rape|sexual assault|weapon|វាយដំ|វាយខ្ញុំ|វាយយើង|ទះកំផ្លៀង|គំរាម|សម្លាប់|រំលោភ|ហិង្សា|កាំបិត|កាំភ្លើង|ធ្វើបាប")]
    private static partial Regex Violence();

    [GeneratedRegex(@"passport|locked|lock us|can't leave|cannot leave|not allowed to leave|detain|confiscat|prison|លិខិតឆ្លងដែន|ប៉ាស្ព័រ|ប៉ាស្ប៉័រ|ចាក់សោ|ឃុំខ្លួន|ចាប់ឃុំ|មិនឲ្យចេញ|មិនអោយចេញ|ហាមចេញ|រឹបអូស")]
    private static partial Regex Detention();

    [GeneratedRegex(@"injur|hurt|accident|faint|burn|broken|hospital|bleed|របួស|គ្រោះថ្នាក់|សន្លប់|ដួល|រលាក|បាក់|មន្ទីរពេទ្យ|ពេទ្យ|ឈាម")]
    private static partial Regex Injury();

    [GeneratedRegex(@"([2-9]|[1-9]\d)\s*(months|month)|(two|three|four|five|six) months|([២-៩]|[១-៩][០-៩])\s*ខែ|(ពីរ|បី|បួន|ប្រាំ|ប្រាំមួយ)\s*ខែ")]
    private static partial Regex MonthsUnpaid();
}
