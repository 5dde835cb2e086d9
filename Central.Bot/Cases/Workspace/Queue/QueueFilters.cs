using Central.Data.Cases;
using Central.Dialogs.Cases;

namespace Central.Bot.Cases.Workspace.Queue;

/// <summary>The queue's filters as they travel in a query string (the page, its CSV export); unknown values are dropped.</summary>
public static class QueueFilters
{
    public static QueueFilter From(IQueryCollection query)
    {
        var status = query["status"].ToString();
        var category = query["category"].ToString();
        var province = query["province"].ToString();
        var employer = query["employer"].ToString().Trim();
        var employerKey = query["employerKey"].ToString();
        return new QueueFilter
        {
            Status = CaseStatus.All.Contains(status) || status == QueueFilter.AnyStatus ? status : null,
            Category = CaseCatalog.FindCategory(category) is not null ? category : null,
            Province = CaseCatalog.FindPlace(province) is not null ? province : null,
            Employer = employer.Length is > 0 and <= 200 ? employer : null,
            EmployerKey = employerKey.Length is > 0 and <= 300 ? employerKey : null,
            Mine = query["mine"] == "true",
            Unassigned = query["unassigned"] == "true",
        };
    }

    public static string ToQuery(QueueFilter filter)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(new(key, value));
            }
        }
        Add("status", filter.Status);
        Add("category", filter.Category);
        Add("province", filter.Province);
        Add("employer", filter.Employer);
        Add("employerKey", filter.EmployerKey);
        Add("mine", filter.Mine ? "true" : null);
        Add("unassigned", filter.Unassigned ? "true" : null);
        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }
}
