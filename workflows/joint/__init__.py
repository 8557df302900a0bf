"""Joint supervision (联合监督) and mutual recognition of results (监督结果互认互用): findings
recognised across modes and regions instead of inspecting again, what follows a finding
(整改, 问责), joint meetings and the actions they decide, and notifications to 人大, 政协 and
the media with their feedback."""
