using Central.Data.Cases;
using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Cases;

/// <summary>A kind of violation: a short button title and the full name for summaries and the workspace.</summary>
public sealed record Category(string Code, Text Title, Text Name);

/// <summary>A code with its name in both languages (provinces, countries, sectors).</summary>
public sealed record Named(string Code, Text Name);

/// <summary>
/// The lists intake asks from and the workspace filters by. Codes are what is stored; names come from
/// CatalogTexts in both languages. Places are Cambodia's 25 provinces, then the countries migrants write from.
/// </summary>
public static class CaseCatalog
{
    private static readonly TextTable Table = new(typeof(CaseCatalog));

    public static Text CategoryUnpaidWages => Table.Get();
    public static Text CategoryUnpaidWagesLong => Table.Get();
    public static Text CategoryForcedOvertime => Table.Get();
    public static Text CategoryForcedOvertimeLong => Table.Get();
    public static Text CategoryDismissal => Table.Get();
    public static Text CategoryDismissalLong => Table.Get();
    public static Text CategoryUnionDismissal => Table.Get();
    public static Text CategoryUnionDismissalLong => Table.Get();
    public static Text CategoryHarassment => Table.Get();
    public static Text CategoryHarassmentLong => Table.Get();
    public static Text CategoryUnsafeWork => Table.Get();
    public static Text CategoryUnsafeWorkLong => Table.Get();
    public static Text CategoryNssf => Table.Get();
    public static Text CategoryNssfLong => Table.Get();
    public static Text CategoryChildLabour => Table.Get();
    public static Text CategoryChildLabourLong => Table.Get();
    public static Text CategoryTrafficking => Table.Get();
    public static Text CategoryTraffickingLong => Table.Get();
    public static Text CategoryOther => Table.Get();
    public static Text CategoryOtherLong => Table.Get();
    public static Text SectorGarment => Table.Get();
    public static Text SectorFootwear => Table.Get();
    public static Text SectorConstruction => Table.Get();
    public static Text SectorHospitality => Table.Get();
    public static Text SectorAgriculture => Table.Get();
    public static Text SectorFishing => Table.Get();
    public static Text SectorDomestic => Table.Get();
    public static Text SectorTransport => Table.Get();
    public static Text SectorFactoryOther => Table.Get();
    public static Text SectorOther => Table.Get();
    public static Text ProvinceBanteayMeanchey => Table.Get();
    public static Text ProvinceBattambang => Table.Get();
    public static Text ProvinceKampongCham => Table.Get();
    public static Text ProvinceKampongChhnang => Table.Get();
    public static Text ProvinceKampongSpeu => Table.Get();
    public static Text ProvinceKampongThom => Table.Get();
    public static Text ProvinceKampot => Table.Get();
    public static Text ProvinceKandal => Table.Get();
    public static Text ProvinceKep => Table.Get();
    public static Text ProvinceKohKong => Table.Get();
    public static Text ProvinceKratie => Table.Get();
    public static Text ProvinceMondulkiri => Table.Get();
    public static Text ProvinceOddarMeanchey => Table.Get();
    public static Text ProvincePailin => Table.Get();
    public static Text ProvincePhnomPenh => Table.Get();
    public static Text ProvincePreahSihanouk => Table.Get();
    public static Text ProvincePreahVihear => Table.Get();
    public static Text ProvincePreyVeng => Table.Get();
    public static Text ProvincePursat => Table.Get();
    public static Text ProvinceRatanakiri => Table.Get();
    public static Text ProvinceSiemReap => Table.Get();
    public static Text ProvinceStungTreng => Table.Get();
    public static Text ProvinceSvayRieng => Table.Get();
    public static Text ProvinceTakeo => Table.Get();
    public static Text ProvinceTbongKhmum => Table.Get();
    public static Text ProvinceAbroadThailand => Table.Get();
    public static Text ProvinceAbroadMalaysia => Table.Get();
    public static Text ProvinceAbroadKorea => Table.Get();
    public static Text ProvinceAbroadJapan => Table.Get();
    public static Text ProvinceAbroadOther => Table.Get();
    public static Text StatusNew => Table.Get();
    public static Text StatusInProgress => Table.Get();
    public static Text StatusWaitingForWorker => Table.Get();
    public static Text StatusResolved => Table.Get();
    public static Text StatusReferred => Table.Get();
    public static Text StatusClosed => Table.Get();

    public static IReadOnlyList<Category> Categories { get; } =
    [
        new("unpaid_wages", CategoryUnpaidWages, CategoryUnpaidWagesLong),
        new("forced_overtime", CategoryForcedOvertime, CategoryForcedOvertimeLong),
        new("dismissal", CategoryDismissal, CategoryDismissalLong),
        new("union_dismissal", CategoryUnionDismissal, CategoryUnionDismissalLong),
        new("harassment", CategoryHarassment, CategoryHarassmentLong),
        new("unsafe_work", CategoryUnsafeWork, CategoryUnsafeWorkLong),
        new("nssf", CategoryNssf, CategoryNssfLong),
        new("child_labour", CategoryChildLabour, CategoryChildLabourLong),
        new("trafficking", CategoryTrafficking, CategoryTraffickingLong),
        new("other", CategoryOther, CategoryOtherLong),
    ];

    public static IReadOnlyList<Named> Sectors { get; } =
    [
        new("garment", SectorGarment),
        new("footwear", SectorFootwear),
        new("construction", SectorConstruction),
        new("hospitality", SectorHospitality),
        new("agriculture", SectorAgriculture),
        new("fishing", SectorFishing),
        new("domestic", SectorDomestic),
        new("transport", SectorTransport),
        new("factory_other", SectorFactoryOther),
        new("other", SectorOther),
    ];

    public static IReadOnlyList<Named> Places { get; } =
    [
        new("banteay-meanchey", ProvinceBanteayMeanchey),
        new("battambang", ProvinceBattambang),
        new("kampong-cham", ProvinceKampongCham),
        new("kampong-chhnang", ProvinceKampongChhnang),
        new("kampong-speu", ProvinceKampongSpeu),
        new("kampong-thom", ProvinceKampongThom),
        new("kampot", ProvinceKampot),
        new("kandal", ProvinceKandal),
        new("kep", ProvinceKep),
        new("koh-kong", ProvinceKohKong),
        new("kratie", ProvinceKratie),
        new("mondulkiri", ProvinceMondulkiri),
        new("oddar-meanchey", ProvinceOddarMeanchey),
        new("pailin", ProvincePailin),
        new("phnom-penh", ProvincePhnomPenh),
        new("preah-sihanouk", ProvincePreahSihanouk),
        new("preah-vihear", ProvincePreahVihear),
        new("prey-veng", ProvincePreyVeng),
        new("pursat", ProvincePursat),
        new("ratanakiri", ProvinceRatanakiri),
        new("siem-reap", ProvinceSiemReap),
        new("stung-treng", ProvinceStungTreng),
        new("svay-rieng", ProvinceSvayRieng),
        new("takeo", ProvinceTakeo),
        new("tbong-khmum", ProvinceTbongKhmum),
        new("abroad-thailand", ProvinceAbroadThailand),
        new("abroad-malaysia", ProvinceAbroadMalaysia),
        new("abroad-korea", ProvinceAbroadKorea),
        new("abroad-japan", ProvinceAbroadJapan),
        new("abroad-other", ProvinceAbroadOther),
    ];

    public static Category? FindCategory(string code) => Categories.FirstOrDefault(c => c.Code == code);

    public static Named? FindSector(string code) => Sectors.FirstOrDefault(s => s.Code == code);

    public static Named? FindPlace(string code) => Places.FirstOrDefault(p => p.Code == code);

    /// <summary>A case's status in plain words, as the worker is told it.</summary>
    public static Text Status(string status) => status switch
    {
        CaseStatus.New => StatusNew,
        CaseStatus.InProgress => StatusInProgress,
        CaseStatus.WaitingForWorker => StatusWaitingForWorker,
        CaseStatus.Resolved => StatusResolved,
        CaseStatus.Referred => StatusReferred,
        CaseStatus.Closed => StatusClosed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a case status."),
    };
}
