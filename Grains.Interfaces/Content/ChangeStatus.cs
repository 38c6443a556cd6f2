namespace Grains.Interfaces.Content;

/// <summary>How a grain answered a request; every value but <see cref="Ok"/> is an expected "no".</summary>
public enum ChangeStatus
{
    Ok,
    /// <summary>The resource does not exist, or the caller may not see it.</summary>
    NotFound,
    /// <summary>The caller may see the resource but not change it.</summary>
    Forbidden,
    /// <summary>The caller's <see cref="IfMatch"/> names a version other than the current one.</summary>
    VersionMismatch,
    /// <summary>The input breaks a rule; <see cref="ChangeResult{T}.Errors"/> names the fields.</summary>
    Invalid,
    /// <summary>A create on an id that already holds a resource.</summary>
    Conflict,
    /// <summary>The post a collection operation names does not exist.</summary>
    PostNotFound,
}
