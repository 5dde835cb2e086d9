using System.Globalization;
using Central.Data.Cases;

namespace Central.Tests;

/// <summary>Invented test data: nothing here belongs to a real person.</summary>
public static class Some
{
    private static int _sequence;

    public static string Psid() => string.Create(CultureInfo.InvariantCulture, $"99{Interlocked.Increment(ref _sequence):D14}");

    public static string MessageId() => string.Create(CultureInfo.InvariantCulture, $"m_test_{Interlocked.Increment(ref _sequence)}");

    public static NewCase WageComplaint(long? contactId = null, string? sourceKey = null) => new()
    {
        SourceKey = sourceKey ?? MessageId(),
        Channel = "messenger",
        Language = "km",
        Categories = ["unpaid_wages"],
        Employer = "រោងចក្រកាត់ដេរ ស៊ិនហួ",
        EmployerKey = "ស៊ិនហួ",
        Province = "kandal",
        Sector = "garment",
        Started = "ខែមុន",
        WorkersAffected = 120,
        Description = "ថៅកែមិនបើកប្រាក់ខែ ២ខែហើយ",
        Urgent = false,
        Consent = true,
        Anonymous = false,
        ContactId = contactId,
        ReporterName = "សុខ ចាន់ថា",
        Phone = "+855 12 000 111",
    };
}
