/// The 41 clause categories of CUAD (the Contract Understanding Atticus Dataset), spelled as CUAD spells
/// them: what the clause model finds, and what routing rules and tasks may name in a pipeline.
public enum CUADCategories {
    public static let names = [
        "Document Name", "Parties", "Agreement Date", "Effective Date", "Expiration Date", "Renewal Term",
        "Notice Period To Terminate Renewal", "Governing Law", "Most Favored Nation",
        "Competitive Restriction Exception", "Non-Compete", "Exclusivity", "No-Solicit Of Customers",
        "No-Solicit Of Employees", "Non-Disparagement", "Termination For Convenience", "Rofr/Rofo/Rofn",
        "Change Of Control", "Anti-Assignment", "Revenue/Profit Sharing", "Price Restrictions", "Minimum Commitment",
        "Volume Restriction", "Ip Ownership Assignment", "Joint Ip Ownership", "License Grant",
        "Non-Transferable License", "Affiliate License-Licensor", "Affiliate License-Licensee",
        "Unlimited/All-You-Can-Eat-License", "Irrevocable Or Perpetual License", "Source Code Escrow",
        "Post-Termination Services", "Audit Rights", "Uncapped Liability", "Cap On Liability", "Liquidated Damages",
        "Warranty Duration", "Insurance", "Covenant Not To Sue", "Third Party Beneficiary",
    ]
}
