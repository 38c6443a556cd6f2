namespace Grains.Interfaces;

[GenerateSerializer, Alias("SignUpStatus")]
public enum SignUpStatus
{
    Created,
    EmailTaken,
    Invalid,
}
