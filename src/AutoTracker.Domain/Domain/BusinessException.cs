namespace AutoTracker.Domain;

/// <summary>
/// A broken business rule. <see cref="Code"/> is a stable error code (see <see cref="ErrorCodes"/>) and
/// <see cref="Field"/> names the input field at fault when there is one, so the API and the pages can put
/// the message next to that field.
/// </summary>
public class BusinessException : Exception
{
    public BusinessException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public string Code { get; }

    public string? Field { get; }
}

/// <summary>The requested record does not exist or belongs to another tenant; both look the same to the caller.</summary>
public sealed class EntityNotFoundException : Exception
{
    public EntityNotFoundException(Type entityType, Guid id)
        : base($"{entityType.Name} {id} was not found.")
    {
        EntityType = entityType;
        EntityId = id;
    }

    public Type EntityType { get; }

    public Guid EntityId { get; }
}

/// <summary>
/// The record was changed by someone else since the caller read it, or another request saved a record with the
/// same unique values at the same time.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(Exception? inner = null)
        : base("The record was changed by another user. Reload it and apply the change again.", inner)
    {
    }

    public ConcurrencyConflictException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
