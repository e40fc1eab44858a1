namespace Exchange.Web.Components.Pages.Operator;

/// <summary>Whether the signed-in operator can act at all (two-factor on); cascaded by <see cref="OperatorActions"/> to the write forms.</summary>
public sealed record OperatorStepUpStatus(bool TwoFactorOn)
{
    public bool CannotAct => !TwoFactorOn;
}
