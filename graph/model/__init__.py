"""The supervision graph's model: kinds, fields, enumerations, lifecycles. No storage here."""
