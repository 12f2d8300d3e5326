using System.Globalization;
using AutoTracker.Application;
using AutoTracker.Domain;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.Vehicles;

/// <summary>Vehicle list with search, filters, sorting and paging, all taken from the query string.</summary>
[Authorize(AutoTrackerPermissions.Vehicles.Default)]
public sealed class IndexModel(IVehicleAppService vehicles) : PageModel
{
    public static readonly int[] PageSizes = [25, 50, 100, PagedRequest.MaxPageSize];

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public VehicleKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public VehicleStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ModelYear { get; set; }

    /// <summary>Lists only the vehicles assigned to this organization unit.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? OrganizationUnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public VehicleSortField Sort { get; set; } = VehicleSortField.CreationTime;

    [BindProperty(SupportsGet = true)]
    public bool Descending { get; set; } = true;

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Take { get; set; } = 50;

    /// <summary>The page of vehicles, or null when the query was invalid and nothing was loaded.</summary>
    public PagedResult<VehicleDto>? Result { get; private set; }

    /// <summary>The units the user may filter by, sorted by code, which also name each vehicle's unit.</summary>
    public IReadOnlyList<AutoTracker.Identity.OrganizationUnitDto> Units { get; private set; } = [];

    public bool HasFilter => !string.IsNullOrWhiteSpace(Search) || Kind is not null || Status is not null || ModelYear is not null || OrganizationUnitId is not null;

    /// <summary>Returns the name of a vehicle's unit, or null when it is unassigned or not among <see cref="Units"/>.</summary>
    public string? UnitName(Guid? unitId) => unitId is null ? null : Units.FirstOrDefault(u => u.Id == unitId)?.DisplayName;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Units = await vehicles.GetAssignableUnitsAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var input = new GetVehicleListInput
        {
            Search = Search,
            Kind = Kind,
            Status = Status,
            ModelYear = ModelYear,
            OrganizationUnitId = OrganizationUnitId,
            Sort = Sort,
            Descending = Descending,
            Skip = Skip,
            Take = Take,
        };

        try
        {
            Result = await vehicles.GetListAsync(input, cancellationToken);
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(IndexModel));
        }

        return Page();
    }

    /// <summary>Returns the query of the current list with some values replaced, for the sort and paging links.</summary>
    public Dictionary<string, string> QueryWith(VehicleSortField? sort = null, bool? descending = null, int? skip = null)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(query, nameof(Search), string.IsNullOrWhiteSpace(Search) ? null : Search.Trim());
        Add(query, nameof(Kind), Kind?.ToString());
        Add(query, nameof(Status), Status?.ToString());
        Add(query, nameof(ModelYear), ModelYear?.ToString(CultureInfo.InvariantCulture));
        Add(query, nameof(OrganizationUnitId), OrganizationUnitId?.ToString());
        Add(query, nameof(Sort), (sort ?? Sort).ToString());
        Add(query, nameof(Descending), (descending ?? Descending) ? "true" : "false");
        Add(query, nameof(Take), Take.ToString(CultureInfo.InvariantCulture));
        var newSkip = skip ?? Skip;
        Add(query, nameof(Skip), newSkip > 0 ? newSkip.ToString(CultureInfo.InvariantCulture) : null);
        return query;
    }

    /// <summary>Returns the link query for a column header: the first click sorts ascending, the next one reverses.</summary>
    public Dictionary<string, string> SortQuery(VehicleSortField field) =>
        QueryWith(sort: field, descending: Sort == field && !Descending, skip: 0);

    /// <summary>Describes a sortable column header: its link and, for the current sort column, the direction.</summary>
    public SortHeaderModel SortHeader(VehicleSortField field, string label) =>
        new(label, SortQuery(field), Sort == field ? Descending : null);

    private static void Add(Dictionary<string, string> query, string name, string? value)
    {
        if (value is not null)
        {
            query[name] = value;
        }
    }
}

/// <param name="Label">Column title.</param>
/// <param name="Query">Query of the link that sorts by this column.</param>
/// <param name="Descending">Direction when the list is sorted by this column, otherwise null.</param>
public sealed record SortHeaderModel(string Label, IDictionary<string, string> Query, bool? Descending);
