namespace AutoTracker.Domain;

/// <summary>Stable error codes returned in problem details as <c>code</c>.</summary>
public static class ErrorCodes
{
    public const string VinInvalid = "AutoTracker:Vehicles:VinInvalid";
    public const string VinDuplicate = "AutoTracker:Vehicles:VinDuplicate";
    public const string ModelYearMismatch = "AutoTracker:Vehicles:ModelYearMismatch";
    public const string MeterBelowPrevious = "AutoTracker:Vehicles:MeterBelowPrevious";
    public const string MeterAboveNext = "AutoTracker:Vehicles:MeterAboveNext";
    public const string FuelUnitMismatch = "AutoTracker:Vehicles:FuelUnitMismatch";
    public const string ImportInvalid = "AutoTracker:Vehicles:ImportInvalid";
    public const string ImportExpired = "AutoTracker:Vehicles:ImportExpired";
    public const string ImportCommitted = "AutoTracker:Vehicles:ImportCommitted";
    public const string ImportUserRequired = "AutoTracker:Vehicles:ImportUserRequired";
    public const string TenantChangeForbidden = "AutoTracker:MultiTenancy:TenantChangeForbidden";
    public const string TenantNameDuplicate = "AutoTracker:TenantManagement:TenantNameDuplicate";
    public const string TenantNameReserved = "AutoTracker:TenantManagement:TenantNameReserved";
    public const string TenantNameMismatch = "AutoTracker:TenantManagement:TenantNameMismatch";
    public const string VehicleLimitReached = "AutoTracker:TenantManagement:VehicleLimitReached";
    public const string TenantActive = "AutoTracker:TenantManagement:TenantActive";
    public const string UserLimitReached = "AutoTracker:TenantManagement:UserLimitReached";
    public const string AdminRoleGrantsFixed = "AutoTracker:PermissionManagement:AdminRoleGrantsFixed";
    public const string LastPermissionManager = "AutoTracker:PermissionManagement:LastPermissionManager";
    public const string RoleNameDuplicate = "AutoTracker:Identity:RoleNameDuplicate";
    public const string StaticRoleChange = "AutoTracker:Identity:StaticRoleChange";
    public const string UserSelfChangeForbidden = "AutoTracker:Identity:UserSelfChangeForbidden";
    public const string LastUserManager = "AutoTracker:Identity:LastUserManager";
    public const string UserEmailMissing = "AutoTracker:Identity:UserEmailMissing";
    public const string UserHasMorePermissions = "AutoTracker:Identity:UserHasMorePermissions";
    public const string RoleHasMorePermissions = "AutoTracker:Identity:RoleHasMorePermissions";
}
