namespace Silo.Operations;

/// <summary>Names of the operators' authentication scheme and of the policy operator-only endpoints require.</summary>
public static class OperatorAccess
{
    public const string Scheme = "Operator";
    public const string Policy = "Operator";
}
