import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import InvalidTransition
from graph.model.enums import RectificationStatus
from graph.model.lifecycle import CASE_SUPERVISION, COMPLAINT, RECTIFICATION, Machine

MACHINES = [CASE_SUPERVISION, RECTIFICATION, COMPLAINT]


def test_invalid_move_names_state_and_move() -> None:
    with pytest.raises(InvalidTransition) as caught:
        RECTIFICATION.apply(RectificationStatus.ISSUED, "close")
    err = caught.value
    assert (err.machine, err.state, err.move) == ("Rectification", "ISSUED", "close")
    assert "ISSUED" in str(err) and "close" in str(err)
    assert err.allowed == ("start", "submit")


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_every_state_is_reachable_and_terminals_have_no_moves(machine: Machine) -> None:  # type: ignore[type-arg]
    seen = {machine.initial}
    frontier = [machine.initial]
    while frontier:
        state = frontier.pop()
        for move in machine.allowed(state):
            nxt = machine.apply(state, move)
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(type(machine.initial))
    for state in machine.terminal:
        assert machine.allowed(state) == ()


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
@given(data=st.data())
def test_random_walks_follow_the_table(machine: Machine, data: st.DataObject) -> None:  # type: ignore[type-arg]
    state = machine.initial
    moves = sorted(machine.moves)
    for move in data.draw(st.lists(st.sampled_from(moves), max_size=30)):
        if (state, move) in machine.table:
            state = machine.apply(state, move)
        else:
            with pytest.raises(InvalidTransition):
                machine.apply(state, move)
    assert state in set(type(machine.initial))
