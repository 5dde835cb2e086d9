using Central.Dialogs.Cases.Intake;

namespace Central.Tests.Cases;

public sealed class TriageTests
{
    [Theory]
    [InlineData("unpaid_wages", null, 1, "ថៅកែមិនបើកប្រាក់ខែ ៣ខែហើយ", "months_unpaid")]
    [InlineData("unpaid_wages", null, 1, "not paid for three months", "months_unpaid")]
    [InlineData("harassment", null, 1, "the supervisor threatened to beat me", "violence_or_threats")]
    [InlineData("harassment", null, 1, "មេការគំរាមវាយដំខ្ញុំ", "violence_or_threats")]
    [InlineData("unsafe_work", null, 1, "កម្មករ ២០នាក់ដួលសន្លប់", "injury")]
    [InlineData("dismissal", null, 300, "the factory closed", "mass_dismissal")]
    [InlineData("union_dismissal", null, 1, "fired the day after we registered the union", "union_leader_dismissed")]
    [InlineData("child_labour", null, 1, "children of 13 work at night", "child_labour")]
    [InlineData("other", true, 1, "", "danger_now")]
    public void What_makes_a_report_urgent(string category, bool? danger, int workers, string description, string reason)
    {
        var report = new Complaint { Categories = [category], InDanger = danger, WorkersAffected = workers, Description = [description] };

        Assert.Contains(reason, Triage.Reasons(report));
    }

    [Theory]
    [InlineData("unpaid_wages", 5, "ថៅកែបើកប្រាក់ខែយឺតមួយសប្តាហ៍ នៅផ្ទះខ្ញុំនៅឃុំព្រែកអញ្ចាញ")]
    [InlineData("dismissal", 3, "I was fired without notice")]
    [InlineData("forced_overtime", 40, "we must stay until 10pm every day")]
    public void Ordinary_reports_are_not_urgent_even_with_words_that_look_alike(string category, int workers, string description)
    {
        var report = new Complaint { Categories = [category], WorkersAffected = workers, Started = StartedCodes.ThisWeek, Description = [description] };

        Assert.Empty(Triage.Reasons(report));
    }
}
