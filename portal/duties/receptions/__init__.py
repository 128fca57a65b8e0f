"""Leaders' reception days (领导干部群众接待日, 第四章第一节).

Modules: ``model`` (the stored day, its substitution, the month summary), ``schedule``
(scheduling, rotation, substitution with the principal leader's approval, the public schedule
and the 接访日安排公示 document kept in step), ``register`` (the day's register: people
received and what became of each matter, a matter becoming a case), ``figures`` (statistics
per leader and per unit, the monthly requirement).
"""
