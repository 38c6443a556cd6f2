namespace Api.Http;

public static class HttpLimits
{
    /// <summary>The contract's ceiling for any request body.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
}
